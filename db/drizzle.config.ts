import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema and committed as they are (pnpm db:generate).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './drizzle',
});
