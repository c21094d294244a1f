// Route Handler: the flags of the requesting visitor as JSON (for a non-React client, a worker,
// a test). Gives an anonymous caller its id cookie like the proxy does.
import { getServerFlags, readCookie, withAnonymousId } from "@victor-flags/react/server";
import { USER_COOKIE, config } from "../../../flags";

export const dynamic = "force-dynamic";

export function GET(request: Request): Response {
  const { cookieHeader, setCookie } = withAnonymousId(request.headers);
  const userId = readCookie(cookieHeader, USER_COOKIE);
  const { flags, variants, anonymousId } = getServerFlags({ config, cookies: cookieHeader, context: userId ? { userId } : {}, env: process.env });
  const response = Response.json({ subject: userId ?? anonymousId, flags, variants });
  if (setCookie) response.headers.append("set-cookie", setCookie);
  return response;
}
