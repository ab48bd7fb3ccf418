import { NextResponse, type NextRequest } from "next/server";

import { API_URL } from "@/lib/config";
import { contentSecurityPolicy, newNonce, originOf } from "@/lib/content-security-policy";

const API_ORIGIN = originOf(API_URL);

/**
 * Every page response gets its own nonce in its Content-Security-Policy. Next.js reads the nonce
 * from the request's CSP header while rendering and puts it on its scripts, which is why every
 * page is rendered per request (src/app/layout.tsx).
 */
export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy({
    nonce: newNonce(),
    apiOrigin: API_ORIGIN,
    development: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Static files carry no scripts of their own; prefetches are not documents.
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
