/**
 * Annotations: normative milestones (DOMAIN.md) and load events (days without data, refused
 * loads) from GET /api/annotations, as a frame in the field names Grafana's standard annotation
 * processing reads (time, title, text, tags).
 */
import { createDataFrame, FieldType, type AnnotationSupport, type DataFrame } from '@grafana/data';
import { ANNOTATION_KINDS, QUERY_VERSION, type AnnotationTarget, type DasmoQuery } from './types';

/** One event of GET /api/annotations, already in Grafana's words; `tags` starts with its kind. */
export interface StoreAnnotation {
  time: number;
  title: string;
  text: string;
  tags: string[];
}

export const DEFAULT_ANNOTATION_QUERY: Omit<AnnotationTarget, 'refId'> = {
  subject: 'annotazioni',
  version: QUERY_VERSION,
  include: [...ANNOTATION_KINDS],
};

export function toAnnotationFrame(events: readonly StoreAnnotation[], target: AnnotationTarget): DataFrame {
  const include = target.include ?? ANNOTATION_KINDS;
  const wanted = events.filter((e) => include.some((kind) => e.tags.includes(kind)));
  return createDataFrame({
    refId: target.refId,
    name: 'annotazioni',
    fields: [
      { name: 'time', type: FieldType.time, values: wanted.map((e) => e.time) },
      { name: 'title', type: FieldType.string, values: wanted.map((e) => e.title) },
      { name: 'text', type: FieldType.string, values: wanted.map((e) => e.text) },
      { name: 'tags', type: FieldType.other, values: wanted.map((e) => e.tags) },
    ],
  });
}

/** Grafana's annotation hooks: every annotation of this datasource runs an AnnotationTarget. */
export function annotationSupport(
  editor?: AnnotationSupport<DasmoQuery>['QueryEditor']
): AnnotationSupport<DasmoQuery> {
  return {
    QueryEditor: editor,
    getDefaultQuery: () => DEFAULT_ANNOTATION_QUERY,
    prepareQuery: (anno) => ({
      ...DEFAULT_ANNOTATION_QUERY,
      ...(anno.target as Partial<AnnotationTarget>),
      refId: anno.target?.refId ?? 'Anno',
      subject: 'annotazioni',
    }),
  };
}
