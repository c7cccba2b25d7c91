// Types of e2e-config.js, for the configs that a project type-checks (apps/demo's).
export declare const e2eTest: (
  name: string,
  more?: Record<string, unknown>,
) => {
  name: string;
  include: string[];
  environment: 'node';
  expect: { poll: { timeout: number; interval: number } };
  testTimeout: number;
  hookTimeout: number;
  fileParallelism: boolean;
} & Record<string, unknown>;
