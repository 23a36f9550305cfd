import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, IdParam, Meta, type RequestMeta } from '#http';
import { PersonalDataVault } from '../personal-data.vault.js';
import { personNotFound } from './erase-person.handler.js';
import { ErasePersonByResidentIdDto, ErasePersonDto } from './erase-person.dto.js';
import { ErasePersonCommand } from './erase-person.handler.js';

@ApiTags('persons')
@Controller('persons')
export class ErasePersonController {
  constructor(
    private readonly commands: CommandBus,
    private readonly vault: PersonalDataVault,
  ) {}

  @Post('erasure')
  @Allow('admin')
  @HttpCode(200)
  @ApiOperation({
    summary: '按身份证号删除个人信息 / Erase a person found by their resident ID number',
    description: '号码仅用于查找（经密钥哈希），不会被保存或记录。 / The number is only used to find the person through its keyed hash; it is not stored or logged.',
  })
  async eraseByResidentId(@Body() body: ErasePersonByResidentIdDto, @Meta() meta: RequestMeta) {
    const personId = await this.vault.findByResidentId(body.residentId);
    if (!personId) throw personNotFound();
    return this.erase(personId, body, meta);
  }

  @Post(':personId/erasure')
  @Allow('admin')
  @HttpCode(200)
  @ApiOperation({
    summary: '删除个人信息（销毁此人的密钥） / Erase a person: destroy their key',
    description:
      '此后此人的姓名、身份证号、电话、住址等在事件、读模型、时间线和导出中均显示为已删除；档案和统计数量不变。不可撤销。 / ' +
      "From then on the person's name, ID number, phone, address and other sealed fields read as erased in events, read models, " +
      'timelines and exports; their files still count in every figure. It cannot be undone.',
  })
  async erase(@IdParam('personId') personId: string, @Body() body: ErasePersonDto, @Meta() meta: RequestMeta) {
    const result = await this.commands.execute(new ErasePersonCommand(personId, body.reason, meta));
    return { personId: result.personId, erased: true, newlyErased: result.newlyErased, position: result.position };
  }
}
