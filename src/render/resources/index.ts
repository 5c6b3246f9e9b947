/** Pure renderers for control-plane resources: `pai get` tables, `pai describe`, -o json|yaml. */
export { ageSince, humanDuration } from './age.js';
export { columnsFor, compactCount, secretKeyNames, type Column, type KindColumns } from './columns.js';
export { renderDescribe } from './describe.js';
export { renderGetTable, type GetTableOptions } from './get-table.js';
export { renderStructured, withoutSecretValues, type StructuredFormat } from './structured.js';
export { EMPTY_CELL, renderTable } from './table.js';
