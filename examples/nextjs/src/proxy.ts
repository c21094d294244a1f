// Next.js 16 proxy (formerly middleware): gives every anonymous visitor an id cookie on the first
// request, so the server render and the browser bucket them as one subject.
import { NextResponse, type NextRequest } from "next/server";
import { withAnonymousId } from "@victor-flags/react/server";

export function proxy(request: NextRequest): NextResponse {
  const { headers, setCookie } = withAnonymousId(request.headers);
  // `headers` carries the id to this request's server components and route handlers.
  const response = NextResponse.next({ request: { headers } });
  if (setCookie) response.headers.append("set-cookie", setCookie);
  return response;
}

export const config = { matcher: ["/((?!_next/|favicon.ico).*)"] };
