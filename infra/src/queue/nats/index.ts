export * from './nats-work-queue.js';
