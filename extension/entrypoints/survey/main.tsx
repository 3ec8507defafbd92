import "@/assets/base.css";
import "@accord/widget/ui/theme.css";
import "@/components/survey/survey.css";
import { mountSurvey } from "@/components/survey/mount";

void mountSurvey(document.getElementById("app") as HTMLElement);
