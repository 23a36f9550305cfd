import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { createValidationPipe, JsonBodyGuard, ProblemDetailsFilter, StorableInputPipe } from '#http';
import { AppModule } from './app.module.js';

export interface CreateAppOptions {
  readonly databaseUrl: string;
  readonly projectorEnabled?: boolean;
  readonly bodyLimit?: string;
  readonly logLevel?: string;
}

/** The API as both the server and the end-to-end tests run it. */
export async function createApp(options: CreateAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      databaseUrl: options.databaseUrl,
      projectorEnabled: options.projectorEnabled ?? true,
      logLevel: options.logLevel,
    }),
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: options.bodyLimit ?? '256kb' });
  app.setGlobalPrefix('api');
  app.useGlobalGuards(new JsonBodyGuard());
  app.useGlobalPipes(new StorableInputPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('UnionCase API')
      .setDescription('Case management for trade-union federations: every act recorded as an event.')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', useGlobalPrefix: false });
  return app;
}
