import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // A second build beside the one the e2e tests serve (a reviewer's server on another port) goes elsewhere.
  ...(process.env.NEXT_DIST_DIR ? { distDir: process.env.NEXT_DIST_DIR } : {}),
  poweredByHeader: false,
  experimental: {
    // A debtor's dispute may carry documents (lib/debtor-page/attachments.ts: 8 MB at most in all); the proxy buffers
    // up to its default 10 MB, above this.
    serverActions: { bodySizeLimit: '9mb' },
  },
  // One build for every way of serving: npm start, the e2e tests and the production image run server.js.
  output: 'standalone',
  // Native and server-only packages are loaded from node_modules at run time, not bundled.
  serverExternalPackages: [
    '@node-rs/argon2',
    'pg',
    'bullmq',
    'ioredis',
    'pdfkit',
    'xmllint-wasm',
    'pino',
    '@opentelemetry/api',
    '@opentelemetry/sdk-trace-node',
    '@opentelemetry/sdk-metrics',
    '@opentelemetry/exporter-trace-otlp-http',
    '@opentelemetry/exporter-metrics-otlp-http',
    '@opentelemetry/resources',
  ],
  // Read from disk at run time, beside the standalone server: the ISO 20022 schema every transfer file must pass,
  // the fonts the Factur-X invoices embed, and the validator's WebAssembly and worker files (loaded by path, which
  // the tracer cannot follow).
  outputFileTracingIncludes: {
    '/**': ['./vendor/iso20022/*.xsd', './vendor/fonts/*.ttf', './node_modules/xmllint-wasm/**'],
  },
};

export default withNextIntl(nextConfig);
