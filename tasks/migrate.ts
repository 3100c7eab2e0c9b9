/**
 * Database migrations from the command line (the service also applies
 * pending ones on start unless MIGRATE_ON_START=false):
 *
 *   deno task migrate up        apply every pending migration
 *   deno task migrate down 1    revert the newest N migrations
 *   deno task migrate status    list migrations and their state
 *
 * Uses DATABASE_URL, or the embedded database under DATA_DIR when unset.
 */
import { loadConfigOrExit } from "../infra/config/mod.ts";
import { migrateDown, migrateUp, migrationStatus } from "../infra/postgres/mod.ts";
import { openTaskDatabase, type TaskDatabase } from "./_task_database.ts";

const USAGE = "usage: deno task migrate up | down <N> | status";
const [command, countText] = Deno.args;
if (!command || !["up", "down", "status"].includes(command)) {
  console.error(USAGE);
  Deno.exit(2);
}
const steps = Number(countText ?? "1");
if (command === "down" && (!Number.isInteger(steps) || steps < 1)) {
  console.error(`down needs a positive count\n${USAGE}`);
  Deno.exit(2);
}

const config = loadConfigOrExit();

let database: TaskDatabase;
try {
  database = await openTaskDatabase(config);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  Deno.exit(1);
}
const { sql } = database;

const progress = (message: string) => console.error(message);
try {
  if (command === "up") {
    const applied = await migrateUp(sql, { onProgress: progress });
    console.error(applied === 0 ? "nothing to apply" : `${applied} migration(s) applied`);
  } else if (command === "down") {
    const reverted = await migrateDown(sql, steps, { onProgress: progress });
    console.error(`${reverted} migration(s) reverted`);
  } else {
    for (const m of await migrationStatus(sql)) {
      const when = m.applied_at ? m.applied_at.toISOString() : "";
      console.log(
        `${String(m.version).padStart(4, "0")}  ${m.state.padEnd(8)}  ${m.name}  ${when}`,
      );
    }
  }
} finally {
  await database.close();
}
