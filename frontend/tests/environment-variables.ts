// What `next build` would inline: read by src/lib/config.ts when a test first imports it.
process.env.NEXT_PUBLIC_API_URL = "http://api.test";
process.env.NEXT_PUBLIC_API_KEY = "test-api-key";
