/**
 * Annotations: normative milestones (DOMAIN.md) and load events (gaps, failed loads) from
 * GET /api/annotations, as a frame in the field names Grafana's standard annotation processing
 * reads (time, timeEnd, title, text, tags).
 */
import { createDataFrame, FieldType, type AnnotationSupport, type DataFrame } from '@grafana/data';
import { addDays, romeDayStartMs } from './model/calendar';
import { ANNOTATION_KINDS, QUERY_VERSION, type AnnotationKind, type AnnotationTarget, type DasmoQuery } from './types';

/** One event of GET /api/annotations; days are Europe/Rome calendar days, `to` included. */
export interface StoreAnnotation {
  kind: AnnotationKind;
  from: string;
  to?: string;
  title: string;
  text?: string;
}

export const DEFAULT_ANNOTATION_QUERY: Omit<AnnotationTarget, 'refId'> = {
  subject: 'annotazioni',
  version: QUERY_VERSION,
  include: [...ANNOTATION_KINDS],
};

export const ANNOTATION_TAGS: Readonly<Record<AnnotationKind, string>> = {
  normativa: 'normativa',
  caricamento: 'caricamento dati',
};

export function toAnnotationFrame(events: readonly StoreAnnotation[], target: AnnotationTarget): DataFrame {
  const wanted = events.filter((e) => (target.include ?? ANNOTATION_KINDS).includes(e.kind));
  return createDataFrame({
    refId: target.refId,
    name: 'annotazioni',
    fields: [
      { name: 'time', type: FieldType.time, values: wanted.map((e) => romeDayStartMs(e.from)) },
      // A multi-day event (a gap of several days) ends where its last day ends.
      { name: 'timeEnd', type: FieldType.time, values: wanted.map((e) => (e.to && e.to !== e.from ? romeDayStartMs(addDays(e.to, 1)) : undefined)) },
      { name: 'title', type: FieldType.string, values: wanted.map((e) => e.title) },
      { name: 'text', type: FieldType.string, values: wanted.map((e) => e.text ?? e.title) },
      { name: 'tags', type: FieldType.other, values: wanted.map((e) => [ANNOTATION_TAGS[e.kind]]) },
    ],
  });
}

/** Grafana's annotation hooks: every annotation of this datasource runs an AnnotationTarget. */
export function annotationSupport(editor?: AnnotationSupport<DasmoQuery>['QueryEditor']): AnnotationSupport<DasmoQuery> {
  return {
    QueryEditor: editor,
    getDefaultQuery: () => DEFAULT_ANNOTATION_QUERY,
    prepareQuery: (anno) => ({ ...DEFAULT_ANNOTATION_QUERY, ...(anno.target as Partial<AnnotationTarget>), refId: anno.target?.refId ?? 'Anno', subject: 'annotazioni' }),
  };
}
