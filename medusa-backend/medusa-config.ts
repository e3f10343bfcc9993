import path from "path"
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * The Open Box / La Boîte Ouverte — Medusa configuration.
 *
 * Every setting comes from the environment with a working local default, so a
 * newcomer needs nothing but the embedded Postgres. Pointing REDIS_URL or
 * S3_BUCKET at a real service switches the infrastructure modules with no code
 * change. All variables are documented in the repository's `.env.example`.
 */

const env = (name: string, fallback: string): string => {
  const value = process.env[name]
  return value !== undefined && value !== "" ? value : fallback
}

// `medusa start|develop` read PORT themselves; it is used here for URLs only.
const PORT = env("PORT", "9000")
const LOCAL_ORIGINS = "http://localhost:3000,http://localhost:8000"

// Public URL of this backend: the local file provider writes it into every
// uploaded file's URL (product images are served from `<url>/static/...`).
const BACKEND_URL = env("MEDUSA_BACKEND_URL", `http://localhost:${PORT}`).replace(/\/+$/, "")

const REDIS_URL = process.env.REDIS_URL || ""

// Managed Postgres (RDS) usually wants TLS; the embedded one has none.
const databaseDriverOptions =
  process.env.DATABASE_SSL === "true"
    ? {
        connection: {
          ssl: { rejectUnauthorized: process.env.DATABASE_SSL_REJECT_UNAUTHORIZED === "true" },
        },
      }
    : { connection: { ssl: false } }

// Files: S3 when a bucket is configured, else the local provider writing to
// `<cwd>/static`, which Medusa serves itself at `/static`.
const fileProvider = process.env.S3_BUCKET
  ? {
      resolve: "@medusajs/medusa/file-s3",
      id: "s3",
      options: {
        file_url: process.env.S3_FILE_URL,
        bucket: process.env.S3_BUCKET,
        region: process.env.S3_REGION,
        endpoint: process.env.S3_ENDPOINT,
        prefix: process.env.S3_PREFIX,
        ...(process.env.S3_ACCESS_KEY_ID
          ? {
              access_key_id: process.env.S3_ACCESS_KEY_ID,
              secret_access_key: process.env.S3_SECRET_ACCESS_KEY,
            }
          : { authentication_method: "s3-iam-role" }),
        additional_client_config: process.env.S3_ENDPOINT ? { forcePathStyle: true } : undefined,
      },
    }
  : {
      resolve: "@medusajs/medusa/file-local",
      id: "local",
      options: {
        upload_dir: path.join(process.cwd(), "static"),
        backend_url: `${BACKEND_URL}/static`,
      },
    }

// Redis-backed infrastructure, only when REDIS_URL is set (production, or a
// developer who runs Redis). Without it Medusa uses its in-memory modules.
const redisModules = REDIS_URL
  ? [
      {
        resolve: "@medusajs/medusa/caching",
        options: {
          providers: [
            {
              resolve: "@medusajs/medusa/caching-redis",
              id: "caching-redis",
              is_default: true,
              options: { redisUrl: REDIS_URL, prefix: env("MEDUSA_CACHE_PREFIX", "tob:") },
            },
          ],
        },
      },
      {
        resolve: "@medusajs/medusa/event-bus-redis",
        options: { redisUrl: REDIS_URL },
      },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            {
              resolve: "@medusajs/medusa/locking-redis",
              id: "locking-redis",
              is_default: true,
              options: { redisUrl: REDIS_URL },
            },
          ],
        },
      },
      {
        resolve: "@medusajs/medusa/workflow-engine-redis",
        options: { redis: { redisUrl: REDIS_URL } },
      },
    ]
  : []

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env("DATABASE_URL", "postgres://postgres@127.0.0.1:55432/medusa"),
    databaseDriverOptions,
    ...(REDIS_URL ? { redisUrl: REDIS_URL } : {}),
    workerMode: env("MEDUSA_WORKER_MODE", "shared") as "shared" | "worker" | "server",
    http: {
      storeCors: env("STORE_CORS", LOCAL_ORIGINS),
      adminCors: env("ADMIN_CORS", LOCAL_ORIGINS),
      authCors: env("AUTH_CORS", LOCAL_ORIGINS),
      jwtSecret: env("JWT_SECRET", "tob-local-jwt-secret"),
      cookieSecret: env("COOKIE_SECRET", "tob-local-cookie-secret"),
    },
  },
  admin: {
    // The staff admin page is part of the Reflex app; skip the dashboard build.
    disable: true,
  },
  featureFlags: {
    translation: true,
    ...(REDIS_URL ? { caching: true } : {}),
  },
  modules: [
    // The Translation module needs both the feature flag and the module entry.
    { resolve: "@medusajs/medusa/translation" },
    {
      resolve: "@medusajs/medusa/file",
      options: { providers: [fileProvider] },
    },
    ...redisModules,
  ],
})
