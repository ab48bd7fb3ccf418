'use strict';

// CloudWatch alarms and the SNS topic they notify, written from serverless.yml's own function list
// so that a new function gets its alarms without anyone copying a block (osls resolves
// `${file(infra/deploy/resources/alarms.js)}` by calling this function; no plugin involved).
//
// - every function: Errors >= 1 and Throttles >= 1 in 5 minutes;
// - custom.alarms.p95DurationFunctions: p95 Duration above custom.alarms.p95DurationThresholdMs
//   over three 5-minute periods (a lone cold start does not page anyone);
// - the API stage: 5XXError average (the share of answers that are 5xx) above 5% in 5 minutes;
// - the functions' own `DatabaseUnavailable` metric (powertools EMF, namespace LambdaTasks,
//   dimension service): any in a minute.
// The topic gets an email subscription only when custom.alarms.email is set: a CloudFormation
// condition on a parameter, since a condition comparing two literals is what cfn-lint rejects.

const FIVE_MINUTES = 300;
const API_5XX_RATE = 0.05;
// What shared/observability.py publishes: Metrics(namespace="LambdaTasks", service=SERVICE).
const METRICS_NAMESPACE = 'LambdaTasks';
const DATABASE_UNAVAILABLE_METRIC = 'DatabaseUnavailable';

// osls's logical id for a function: "auth-sign-in" -> "AuthDashsignDashinLambdaFunction".
const normalizedName = (name) => {
  const words = name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
};
const functionLogicalId = (name) => `${normalizedName(name)}LambdaFunction`;

const notifying = {
  AlarmActions: [{ Ref: 'AlarmTopic' }],
  OKActions: [{ Ref: 'AlarmTopic' }],
};

const functionAlarm = (name, suffix, properties) => ({
  [`${normalizedName(name)}${suffix}Alarm`]: {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionLogicalId(name) } }],
      Period: FIVE_MINUTES,
      TreatMissingData: 'notBreaching',
      ...notifying,
      ...properties,
    },
  },
});

module.exports = async ({ resolveVariable }) => {
  const service = await resolveVariable('self:service');
  const stage = await resolveVariable('sls:stage');
  const functions = Object.keys(await resolveVariable('self:functions'));
  const settings = await resolveVariable('self:custom.alarms');
  const prefix = `${service}-${stage}`;

  const unknown = settings.p95DurationFunctions.filter((name) => !functions.includes(name));
  if (unknown.length) {
    throw new Error(`custom.alarms.p95DurationFunctions names unknown functions: ${unknown}`);
  }

  const resources = {
    AlarmTopic: {
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: `${prefix}-alarms`, DisplayName: `${prefix} alarms` },
    },
    AlarmEmailSubscription: {
      Type: 'AWS::SNS::Subscription',
      Condition: 'HasAlarmEmail',
      Properties: { TopicArn: { Ref: 'AlarmTopic' }, Protocol: 'email', Endpoint: { Ref: 'AlarmEmail' } },
    },
    Api5xxRateAlarm: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: `${prefix}-api-5xx-rate`,
        AlarmDescription: `More than ${API_5XX_RATE * 100}% of API answers were 5xx in 5 minutes`,
        Namespace: 'AWS/ApiGateway',
        MetricName: '5XXError',
        // osls names the REST API "<stage>-<service>".
        Dimensions: [
          { Name: 'ApiName', Value: `${stage}-${service}` },
          { Name: 'Stage', Value: stage },
        ],
        Statistic: 'Average',
        Period: FIVE_MINUTES,
        EvaluationPeriods: 1,
        Threshold: API_5XX_RATE,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
        ...notifying,
      },
    },
    DatabaseUnavailableAlarm: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: `${prefix}-database-unavailable`,
        AlarmDescription: 'A function answered 503 because the database did not answer in time',
        Namespace: METRICS_NAMESPACE,
        MetricName: DATABASE_UNAVAILABLE_METRIC,
        Dimensions: [{ Name: 'service', Value: service }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        ...notifying,
      },
    },
  };

  for (const name of functions) {
    Object.assign(
      resources,
      functionAlarm(name, 'Errors', {
        AlarmName: `${prefix}-${name}-errors`,
        AlarmDescription: `${name} raised an error (a crash or timeout, not an API error answer)`,
        MetricName: 'Errors',
        Statistic: 'Sum',
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
      functionAlarm(name, 'Throttles', {
        AlarmName: `${prefix}-${name}-throttles`,
        AlarmDescription: `${name} was throttled (reserved or account concurrency reached)`,
        MetricName: 'Throttles',
        Statistic: 'Sum',
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      })
    );
  }
  for (const name of settings.p95DurationFunctions) {
    Object.assign(
      resources,
      functionAlarm(name, 'DurationP95', {
        AlarmName: `${prefix}-${name}-duration-p95`,
        AlarmDescription: `${name} p95 duration above ${settings.p95DurationThresholdMs} ms`,
        MetricName: 'Duration',
        ExtendedStatistic: 'p95',
        EvaluationPeriods: 3,
        Threshold: Number(settings.p95DurationThresholdMs),
        ComparisonOperator: 'GreaterThanThreshold',
      })
    );
  }

  return {
    Parameters: {
      AlarmEmail: {
        Type: 'String',
        Default: settings.email,
        Description: 'Where alarm notifications go; empty means no subscription.',
      },
    },
    Conditions: {
      HasAlarmEmail: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlarmEmail' }, ''] }] },
    },
    Resources: resources,
  };
};
