/** Statistics (floor 4, administration): the charts of the statistics tab and the questionnaire export. */
export { statisticsPage, type Chart, type ChartRow, type Dimension, type StatisticsPage } from './aggregate.ts';
export { questionnaireCsv } from './export.ts';
export { toCsv, type Cell } from './csv.ts';
export { parseSegment, segmentQuery, segmentWhere, SEGMENT_ROLES, type Segment } from './segment.ts';
export { departementName, regionOfDepartement, departementSql } from './geography.ts';
