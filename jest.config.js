/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // `npm test` type-checks the whole project with tsc first; with "isolatedModules" in tsconfig.json,
  // ts-jest only transpiles.
  transform: {
    "^.+\\.ts$": ["ts-jest", {}],
  },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
};
