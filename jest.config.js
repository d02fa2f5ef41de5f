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
  // Jest's default of one worker per core less one leaves a 2-core machine with a single worker. The
  // end-to-end suites wait on child processes, so a second worker overlaps them with the unit suites.
  maxWorkers: 2,
};
