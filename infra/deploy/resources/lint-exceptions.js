'use strict';

// cfn-lint W3005 ("dependency already enforced by a Ref") on resources that osls itself writes:
// each SnapStart alias has `DependsOn: <function>` beside `FunctionName: {Ref: <function>}`, and
// the custom resource that gives API Gateway its CloudWatch role (for the access logs) does the
// same with its role. The DependsOn is redundant, not wrong, and osls offers no way to drop it, so
// the warning is silenced on exactly those resources, and nowhere else.

const REDUNDANT_DEPENDS_ON = { 'cfn-lint': { config: { ignore_checks: ['W3005'] } } };

// osls's logical ids: "auth-sign-in" -> "AuthDashsignDashin...".
const normalizedName = (name) => {
  const words = name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
};

module.exports = async ({ resolveVariable }) => {
  const functions = await resolveVariable('self:functions');
  const extensions = {
    CustomDashresourceDashapigwDashcwDashroleLambdaFunction: { Metadata: REDUNDANT_DEPENDS_ON },
  };
  for (const [name, spec] of Object.entries(functions)) {
    if (spec.snapStart) {
      extensions[`${normalizedName(name)}SnapStartLambdaAlias`] = { Metadata: REDUNDANT_DEPENDS_ON };
    }
  }
  return { extensions };
};
