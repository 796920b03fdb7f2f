import { Command } from 'commander';
import { registerIngestCommands } from './commands/ingest';
import { registerDemoDataCommand } from './commands/demoData';
import { registerAttributeCommand } from './commands/attribute';
import { registerMetricsCommands } from './commands/metrics';
import { registerRecommendationsCommands } from './commands/recommendations';
import { registerReportCommands } from './commands/report';
import { registerAskCommand } from './commands/ask';
import { registerAnomaliesCommand } from './commands/anomalies';

/** Builds the `costwise` command tree. */
export function createProgram(): Command {
  const program = new Command('costwise')
    .description(
      'Costwise: cloud and AI cost attributed to Backstage catalog entities',
    )
    .showHelpAfterError()
    .exitOverride(error => {
      // commander's own usage errors: exit 2 like any unreadable input
      process.exit(error.exitCode === 0 ? 0 : 2);
    });
  registerIngestCommands(program);
  registerDemoDataCommand(program);
  registerAttributeCommand(program);
  registerMetricsCommands(program);
  registerRecommendationsCommands(program);
  registerReportCommands(program);
  registerAskCommand(program);
  registerAnomaliesCommand(program);
  return program;
}
