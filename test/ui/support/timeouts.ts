import { jest } from '@jest/globals';

// A journey signs in, waits for the read side and draws pages in a real browser on a 2-core machine.
jest.setTimeout(180_000);
