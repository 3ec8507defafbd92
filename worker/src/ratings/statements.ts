// Tests and the seed scripts import the counting rule by this path.
export { AGGREGATE_COLUMNS, ratingWriteStatements, recountSql } from "./queries";
