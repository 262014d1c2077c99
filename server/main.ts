import { ConfigError, describeConfig, loadConfig } from './config';
import { startDesk } from './desk';
import { createLogger } from './logger';

// Entry point: read the configuration once, build the desk, stop cleanly on a signal.
async function main() {
  try {
    process.loadEnvFile?.('.env');
  } catch {
    // no .env file: the environment alone configures the desk
  }
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  logger.debug({ config: describeConfig(config) }, 'configuration read (credentials hidden)');
  const desk = await startDesk(config, logger);
  logger.info({ url: desk.url, roles: config.roles, database: desk.database.kind }, 'social desk started');

  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await desk.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

void main();
