import { defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { AdminBatchStockLevels, AdminQueryStockLevels } from "./admin/stock-levels/validators"

export default defineMiddlewares({
  routes: [
    {
      // A 10,000-level batch is ~1 MB of JSON; Medusa's default body limit is 100 KB.
      matcher: "/admin/stock-levels/batch",
      methods: ["POST"],
      bodyParser: { sizeLimit: "4mb" },
      middlewares: [validateAndTransformBody(AdminBatchStockLevels)],
    },
    {
      matcher: "/admin/stock-levels/query",
      methods: ["POST"],
      bodyParser: { sizeLimit: "4mb" },
      middlewares: [validateAndTransformBody(AdminQueryStockLevels)],
    },
  ],
})
