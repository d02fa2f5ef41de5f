/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // `npm test` type-checks the whole project with tsc first, so ts-jest only transpiles.
  transform: {
    "^.+\\.ts$": ["ts-jest", { isolatedModules: true }],
  },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
};
