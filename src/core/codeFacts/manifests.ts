import type { CodeDiagnostic } from './types';
import { DEPRECATION_MESSAGES } from './deprecations';

/** Build manifests that can pin a deprecated Kinesis library version. */
export type ManifestKind = 'pom' | 'gradle' | 'packageJson' | 'requirements';

export function manifestKindOf(fileName: string): ManifestKind | undefined {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).toLowerCase();
  if (base === 'pom.xml') return 'pom';
  if (base === 'build.gradle' || base === 'build.gradle.kts') return 'gradle';
  if (base === 'package.json') return 'packageJson';
  if (/^requirements.*\.txt$/.test(base)) return 'requirements';
  return undefined;
}

const CDK_V1_ARTIFACTS = /^(?:kinesis|kinesisfirehose|kinesisfirehose-destinations|kinesisanalytics|kinesisanalytics-flink|lambda-event-sources)$/;

export function scanManifest(text: string, kind: ManifestKind): CodeDiagnostic[] {
  const out: CodeDiagnostic[] = [];
  const add = (start: number, end: number, k: keyof typeof DEPRECATION_MESSAGES) => out.push({ start, end, kind: k, message: DEPRECATION_MESSAGES[k] });
  switch (kind) {
    case 'pom': {
      const properties = new Map<string, string>();
      for (const m of text.matchAll(/<([\w.-]+)>\s*([^<\s]+)\s*<\/\1>/g)) properties.set(m[1], m[2]);
      for (const dep of text.matchAll(/<(dependency|plugin)>([\s\S]*?)<\/\1>/g)) {
        const body = dep[2];
        const bodyStart = dep.index! + dep[1].length + 2;
        const group = /<groupId>\s*([^<\s]+)\s*<\/groupId>/.exec(body)?.[1];
        const artifact = /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(body)?.[1];
        const versionMatch = /<version>\s*([^<\s]+)\s*<\/version>/.exec(body);
        if (!artifact || !versionMatch) continue;
        let version = versionMatch[1];
        const prop = /^\$\{([^}]+)\}$/.exec(version);
        if (prop) version = properties.get(prop[1]) ?? version;
        const vStart = bodyStart + versionMatch.index + versionMatch[0].indexOf(versionMatch[1]);
        const vEnd = vStart + versionMatch[1].length;
        if (/^amazon-kinesis-client(?:-multilang)?$/.test(artifact) && /^1\./.test(version)) add(vStart, vEnd, 'kcl-v1');
        if (group === 'software.amazon.awscdk' && CDK_V1_ARTIFACTS.test(artifact) && /^1\./.test(version)) add(vStart, vEnd, 'cdk-v1');
      }
      break;
    }
    case 'gradle': {
      for (const m of text.matchAll(/['"]com\.amazonaws:(amazon-kinesis-client(?:-multilang)?):(1\.[^'"]*)['"]/g)) {
        const at = m.index! + m[0].lastIndexOf(m[2]);
        add(at, at + m[2].length, 'kcl-v1');
      }
      for (const m of text.matchAll(/['"]software\.amazon\.awscdk:([\w-]+):(1\.[^'"]*)['"]/g)) {
        if (!CDK_V1_ARTIFACTS.test(m[1])) continue;
        const at = m.index! + m[0].lastIndexOf(m[2]);
        add(at, at + m[2].length, 'cdk-v1');
      }
      break;
    }
    case 'packageJson': {
      for (const m of text.matchAll(/"(@aws-cdk\/aws-(?:kinesis|kinesisfirehose|kinesisfirehose-destinations|kinesisanalytics|lambda-event-sources)(-alpha)?|@aws-sdk\/client-kinesis-analytics)"\s*:/g)) {
        const at = m.index! + 1;
        const kindOf = m[1].startsWith('@aws-sdk') ? 'kda-sql-api' : m[2] ? 'firehose-alpha' : 'cdk-v1';
        if (kindOf === 'firehose-alpha' && !m[1].includes('kinesisfirehose')) continue;
        add(at, at + m[1].length, kindOf);
      }
      break;
    }
    case 'requirements': {
      for (const m of text.matchAll(/^[ \t]*(aws-cdk\.aws-(?:kinesis|kinesisfirehose|kinesisfirehose-destinations|kinesisanalytics|lambda-event-sources)(-alpha)?)\b/gim)) {
        const at = m.index! + m[0].indexOf(m[1]);
        if (m[2] && !m[1].includes('kinesisfirehose')) continue;
        add(at, at + m[1].length, m[2] ? 'firehose-alpha' : 'cdk-v1');
      }
      for (const m of text.matchAll(/^[ \t]*amazon[-_]kclpy[ \t]*(?:==|~=|<=|<)[ \t]*(1\.[\w.]*)/gim)) {
        const at = m.index! + m[0].lastIndexOf(m[1]);
        add(at, at + m[1].length, 'kcl-v1');
      }
      break;
    }
  }
  return out;
}
