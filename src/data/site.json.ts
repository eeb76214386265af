// The site's datasets (site-datasets.json) with their shapes: what the dataset switches name.
import { siteIndex } from "../lib/mod.ts";
import { emit, siteConfig } from "./_loader.ts";

emit(await siteIndex(siteConfig().datasets));
