import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, etagFor, Meta, type Actor, type RequestMeta } from '#http';
import { OpenFileDto } from './open-file.dto.js';
import { OpenFileCommand } from './open-file.handler.js';

@ApiTags('hardship-files')
@Controller('hardship-files')
export class OpenFileController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiOperation({ summary: '建档立卡：建立困难职工档案 / Open a hardship file' })
  @ApiCreatedResponse({ description: '已建档；Location 指向新档案 / Opened; Location names the new file' })
  @ApiConflictResponse({ description: '此人已有在册档案，existingFileId 指明 / The person already has an open file, named by existingFileId' })
  async open(@Body() body: OpenFileDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const result = await this.commands.execute(new OpenFileCommand(body, actor, meta));
    response.location(`/api/hardship-files/${result.fileId}`).setHeader('ETag', etagFor(result.revision));
    return { id: result.fileId, revision: Number(result.revision), position: result.position };
  }
}
