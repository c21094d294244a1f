import { Head, Html, Main, NextScript } from "next/document";

// No favicon request (a 404 in the console of every visit otherwise).
export default function Document() {
  return (
    <Html lang="en">
      <Head>
        <link rel="icon" href="data:," />
      </Head>
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
