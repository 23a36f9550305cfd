import { DataSource } from 'typeorm';
import { migrations } from '#migrations';

/** Brings the schema up to date. The schema is only ever changed by migrations, never by `synchronize`. */
export async function runMigrations(connectionString: string): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: connectionString,
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
  });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
