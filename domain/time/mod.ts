export { clampToStorable, EARLIEST_INSTANT_MS, LATEST_INSTANT_MS } from "./storable_instants.ts";
