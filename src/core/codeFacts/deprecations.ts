import type { ImportedModule } from './imports';
import type { CodeDiagnostic, DiagnosticKind, LanguageKind } from './types';

/** Deprecated choices in code: the messages name the date and the replacement, from the limits deck (F15, F30, F31). */
export const DEPRECATION_MESSAGES = {
  'kda-sql-runtime':
    'The SQL-1_0 runtime (Kinesis Data Analytics for SQL) is discontinued: no new applications since 15 October 2025, existing ones are deleted from 27 January 2026. Use Amazon Managed Service for Apache Flink.',
  'kda-sql-api':
    'Kinesis Data Analytics v1 manages SQL applications only, which are discontinued (deleted from 27 January 2026). Use kinesisanalyticsv2 with a Flink runtime.',
  'cdk-v1': 'AWS CDK v1 reached end of support on 1 June 2023; import the Kinesis, Firehose and event-source modules from aws-cdk-lib (CDK v2).',
  'firehose-alpha': 'The Firehose alpha module is deprecated: DeliveryStream, S3Bucket and KinesisStreamSource are now in aws-cdk-lib/aws-kinesisfirehose.',
  'kcl-v1': 'KCL 1.x reached end of support on 30 January 2026; migrate to KCL 2.x or 3.x (software.amazon.kinesis).',
} satisfies Partial<Record<DiagnosticKind, string>>;

type DeprecationKind = keyof typeof DEPRECATION_MESSAGES;

/** Flags imports of deprecated modules in a file already known to be about Kinesis. */
export function deprecatedImports(modules: readonly ImportedModule[], language: LanguageKind): CodeDiagnostic[] {
  const out: CodeDiagnostic[] = [];
  const names = modules.map((m) => m.module);
  const pythonV1 = language === 'python' && names.some((m) => m === 'aws_cdk.core' || m.startsWith('aws_cdk.core.'));
  const javaV1 = language === 'java' && names.some((m) => m.startsWith('software.amazon.awscdk.core.') || m === 'software.amazon.awscdk.core');
  const seen = new Set<string>();
  for (const m of modules) {
    const kind = deprecationOf(m.module, language, pythonV1, javaV1);
    if (!kind) continue;
    const id = `${m.start}:${kind}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ start: m.start, end: m.end, kind, message: DEPRECATION_MESSAGES[kind] });
  }
  return out;
}

const KINESIS_CDK_MODULE = /aws[-_]kinesis(?:firehose)?(?:[-_]destinations)?$|aws[-_]kinesisanalytics(?:[-_]flink)?$|aws[-_]lambda[-_]event[-_]sources$/;

function deprecationOf(module: string, language: LanguageKind, pythonV1: boolean, javaV1: boolean): DeprecationKind | undefined {
  if (/kinesisfirehose[-_.]?(?:destinations[-_.]?)?alpha/.test(module)) return 'firehose-alpha';
  if (/com\.amazonaws\.services\.kinesis\.(?:clientlibrary|leases|multilang)(?:\.|$)/.test(module)) return 'kcl-v1';
  if (/^@aws-sdk\/client-kinesis-analytics$|^aws-sdk\/clients\/kinesisanalytics$|services\.kinesisanalytics\.|service\/kinesisanalytics(?:\/|$)|^boto3:kinesisanalytics$/.test(module)) return 'kda-sql-api';
  switch (language) {
    case 'js':
      return /^@aws-cdk\//.test(module) && !/-alpha$/.test(module) && KINESIS_CDK_MODULE.test(module) ? 'cdk-v1' : undefined;
    case 'python':
      return pythonV1 && /^aws_cdk\./.test(module) && KINESIS_CDK_MODULE.test(module) ? 'cdk-v1' : undefined;
    case 'java':
      return javaV1 && /^software\.amazon\.awscdk\.services\.(?:kinesis|kinesisfirehose|kinesisanalytics|lambda\.eventsources)(?:\.|$)/.test(module) ? 'cdk-v1' : undefined;
    case 'go':
      return /^github\.com\/aws\/aws-cdk-go\/awscdk\/(?!v2\/)aws(?:kinesis|kinesisfirehose|kinesisanalytics|lambdaeventsources)/.test(module) ? 'cdk-v1' : undefined;
    default:
      return undefined;
  }
}
