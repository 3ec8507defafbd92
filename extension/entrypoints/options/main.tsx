import "@/assets/base.css";
import "@/components/options/options.css";
import { mountOptions } from "@/components/options/mount";

void mountOptions(document.getElementById("app") as HTMLElement);
