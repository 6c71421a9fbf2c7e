import { vendorTestConfig } from "@apis/faults/vitest-config";
import { defineConfig } from "vitest/config";

export default defineConfig(vendorTestConfig());
