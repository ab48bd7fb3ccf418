/**
 * Page audits for the end-to-end suite: axe-core's accessibility rules and the
 * Content-Security-Policy violations a page reports.
 */
import { AxeBuilder } from "@axe-core/playwright";

/** Serious and critical axe violations on the page as it is now, one readable line each. */
export async function seriousAxeViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${page.url()} ${violation.id} (${violation.impact}): ${violation.help} at ` +
        violation.nodes.map((node) => node.target.join(" ")).join(", "),
    );
}

/**
 * Records every CSP violation the context's pages report, from two sources: the DOM's
 * securitypolicyviolation event (set up by an init script, which CSP does not govern) and the
 * console error Chromium logs for each refusal.
 */
export async function recordCspViolations(context, into) {
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`securitypolicyviolation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  context.on("console", (message) => {
    const text = message.text();
    if (message.type() === "error" && /securitypolicyviolation|Content Security Policy/i.test(text)) {
      into.push(`${message.page()?.url() ?? "?"}: ${text}`);
    }
  });
}
