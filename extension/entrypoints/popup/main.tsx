import "@/assets/base.css";
import "@/components/popup/popup.css";
import { mountPopup } from "@/components/popup/mount";

void mountPopup(document.getElementById("app") as HTMLElement);
