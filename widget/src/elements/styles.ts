import themeCss from "../ui/theme.css?inline";
import hostCss from "./host.css?inline";

/**
 * The elements' stylesheet. embed.ts imports it after register(), which puts the styles at the end
 * of the script, after all the code: gzip compresses the script better with the two kept apart.
 */
export const styles = hostCss + themeCss;
