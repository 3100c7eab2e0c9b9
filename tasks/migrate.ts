/**
 * Database migrations from the command line (the service also applies
 * pending ones on start unless MIGRATE_ON_START=false):
 *
 *   logging-audit migrate up        apply every pending migration
 *   logging-audit migrate down 1    revert the newest N migrations
 *   logging-audit migrate status    list migrations and their state
 *
 * (`deno task migrate …` runs the same.) Uses DATABASE_URL, or the embedded
 * database under DATA_DIR when unset.
 */
import { loadConfigOrExit } from "../infra/config/mod.ts";
import { migrateDown, migrateUp, migrationStatus } from "../infra/postgres/mod.ts";
import { openTaskDatabase, type TaskDatabase } from "./_task_database.ts";
import { UsageError } from "./command_line.ts";

/** Runs `migrate <up|down N|status>`; resolves with the exit status. */
export async function run(args: readonly string[]): Promise<number> {
  const [command, countText, ...extra] = args;
  if (!command || !["up", "down", "status"].includes(command) || extra.length > 0) {
    throw new UsageError(command ? `not understood: ${args.join(" ")}` : "which migration step?");
  }
  const steps = Number(countText ?? "1");
  if (command === "down" && (!Number.isInteger(steps) || steps < 1)) {
    throw new UsageError("down needs a positive count");
  }
  if (command !== "down" && countText !== undefined) {
    throw new UsageError(`${command} takes no count`);
  }

  const config = loadConfigOrExit();
  let database: TaskDatabase;
  try {
    database = await openTaskDatabase(config);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
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
    return 0;
  } finally {
    await database.close();
  }
}
