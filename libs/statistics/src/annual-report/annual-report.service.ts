import { Inject, Injectable, Optional } from '@nestjs/common';
import { comparePositions } from '#event-store';
import type { Actor } from '#http';
import { Clock } from '#shared-kernel';
import { DashboardService } from '../dashboard/dashboard.service.js';
import { TARGET_SOURCE, type MetricKey, type TargetSource } from '../metrics.js';
import { StatisticsQueries } from '../queries/statistics-queries.js';
import { ANNUAL_REPORT_FIGURES, figureId, type FigureInput, type FigureRequest } from './annual-report.figures.js';
import type { AnnualReportQueryDto } from './annual-report.dto.js';
import { composeAnnualReport, type AnnualReport } from './compose-annual-report.js';

export interface AnnualReportView extends AnnualReport {
  readonly generatedAt: string;
  /** The statistics projection's checkpoint the figures reflect (the earliest of the reads). */
  readonly checkpoint: string;
}

/**
 * The statistics section of a work report for a unit and a year (or part of one), live or as of a past instant:
 * figures from the statistics queries, the unit's targets for the year, composed into sentences.
 */
@Injectable()
export class AnnualReportService {
  constructor(
    private readonly queries: StatisticsQueries,
    private readonly periods: DashboardService,
    private readonly clock: Clock,
    @Optional() @Inject(TARGET_SOURCE) private readonly targets: TargetSource | null,
  ) {}

  async build(actor: Actor, query: AnnualReportQueryDto): Promise<AnnualReportView> {
    const period = await this.periods.resolve(actor, query);
    const targets = (await this.targets?.targetsFor([period.unitId], period.year, period.asOf))?.get(period.unitId) ?? new Map<MetricKey, bigint>();
    // Figures filtered the same way are read together: one read for the totals, one per dimension value.
    const groups = new Map<string, FigureRequest[]>();
    for (const request of ANNUAL_REPORT_FIGURES) {
      const group = JSON.stringify(Object.entries(request.dimensions).sort());
      groups.set(group, [...(groups.get(group) ?? []), request]);
    }
    const reads = await Promise.all(
      [...groups.values()].map(async (requests) => {
        const { figures, checkpoint } = await this.queries.breakdowns(
          requests.map((request) => request.key),
          { unitId: period.unitId, from: period.from, to: period.to, asOf: period.asOf, dimensions: requests[0].dimensions },
        );
        const inputs = requests.map((request, index): FigureInput => {
          const target = Object.keys(request.dimensions).length === 0 ? targets.get(request.key) : undefined;
          return { ...request, value: figures[index].total.value, ...(target !== undefined ? { target } : {}) };
        });
        return { inputs, checkpoint };
      }),
    );
    const inputs = new Map(reads.flatMap((read) => read.inputs).map((input) => [figureId(input), input]));
    const report = composeAnnualReport(
      ANNUAL_REPORT_FIGURES.map((request) => inputs.get(figureId(request))!),
      {
        language: query.language ?? 'zh',
        unit: { id: period.unitId, name: period.unitName },
        period: { from: period.from, to: period.to },
        asOf: period.asOf?.toISOString() ?? null,
      },
    );
    const checkpoint = reads.map((read) => read.checkpoint).sort(comparePositionText)[0];
    return { ...report, generatedAt: this.clock.now().toISOString(), checkpoint };
  }
}

/** Positions as the API writes them, "commit/prepare": the earlier first. */
function comparePositionText(a: string, b: string): number {
  const [[a1, a2], [b1, b2]] = [a, b].map((text) => text.split('/').map((part) => BigInt(part)));
  return comparePositions({ commit: a1, prepare: a2 ?? 0n }, { commit: b1, prepare: b2 ?? 0n });
}
