import type { ReactNode } from 'react';

/** A body cell's padding (rows are the caller's: <tr><th scope="row" className={td}>…</th><td className={td}>…</td></tr>). */
export const td = 'px-3 py-2 align-top';

/**
 * A data table that scrolls sideways inside its own box on a narrow screen instead of squeezing or
 * widening the page. `caption` names it for screen readers (it is not shown); `head` is the header
 * row (use <span className="sr-only">Actions</span> for a column of buttons); `minWidth` keeps the
 * columns readable (a Tailwind class such as "min-w-[720px]").
 *
 * `stacked`: on a phone each row becomes a block of stacked cells and the header is hidden; from
 * `sm` up it is an ordinary table. The explicit roles keep the table's semantics in both layouts
 * (display: block drops them otherwise); rows must then use `stackedRow` / `stackedCell`.
 *
 * `divider`: the lines between body rows, as classes on <tbody> (default `divide-y divide-slate-200`).
 * Pass '' when each row draws its own line (`border-t` on the <tr>, which also rules the first row
 * off from the header).
 */
export function Table({ caption, head, children, minWidth = '', stacked = false, divider = 'divide-y divide-slate-200' }: {
  caption: string;
  head: ReactNode[];
  children: ReactNode;
  minWidth?: string;
  stacked?: boolean;
  divider?: string;
}) {
  if (stacked) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white">
        <table role="table" className="block w-full text-left text-sm sm:table">
          <caption className="sr-only">{caption}</caption>
          <thead className="hidden bg-slate-50 text-slate-700 sm:table-header-group">
            <tr role="row">{head.map((h, i) => <th key={i} role="columnheader" scope="col" className="px-3 py-2 font-semibold">{h}</th>)}</tr>
          </thead>
          <tbody className={`block ${divider} sm:table-row-group`}>{children}</tbody>
        </table>
      </div>
    );
  }
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className={`w-full text-left text-sm ${minWidth}`}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>{head.map((h, i) => <th key={i} scope="col" className="whitespace-nowrap px-3 py-2 font-semibold">{h}</th>)}</tr>
        </thead>
        <tbody className={divider}>{children}</tbody>
      </table>
    </div>
  );
}

/** For a `stacked` table: a row and a cell that are blocks on a phone and table parts from sm up. */
export const stackedRow = 'block sm:table-row';
export const stackedCell = 'block px-3 py-2 align-top sm:table-cell';
