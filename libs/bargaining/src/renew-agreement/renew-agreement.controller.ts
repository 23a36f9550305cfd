import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, etagFor, IdParam, Meta, type Actor, type RequestMeta } from '#http';
import { RenewAgreementDto } from './renew-agreement.dto.js';
import { RenewAgreementCommand } from './renew-agreement.handler.js';

@ApiTags('wage-talks')
@Controller('wage-talks')
export class RenewAgreementController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Opens the renewal talks. It writes to several streams (the new talks, the renewed talks and the claims), so it
   * takes no If-Match: a concurrent change is detected by the append and decided again.
   */
  @Post(':id/renewal')
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'The renewal talks were opened; Location names them' })
  async renew(@IdParam() id: string, @Body() body: RenewAgreementDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const result = await this.commands.execute(new RenewAgreementCommand(id, body, actor, meta));
    response.location(`/api/wage-talks/${result.talksId}`).setHeader('ETag', etagFor(result.revision));
    return { id: result.talksId, renews: id, revision: Number(result.revision), position: result.position };
  }
}
