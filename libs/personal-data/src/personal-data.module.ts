import { Inject, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ErasePersonController } from './erase-person/erase-person.controller.js';
import { ErasePersonHandler } from './erase-person/erase-person.handler.js';
import { PERSONAL_DATA_MASTER_KEY, PersonalDataVault } from './personal-data.vault.js';

/**
 * Workers' personal data: the vault every casework context seals it with, and the admin's "erase person".
 * Needs EventStore, Clock and IdGenerator from the app, and TypeORM's DataSource.
 */
@Module({
  imports: [CqrsModule],
  controllers: [ErasePersonController],
  providers: [PersonalDataVault, ErasePersonHandler],
  exports: [PersonalDataVault],
})
export class PersonalDataModule implements OnApplicationBootstrap {
  constructor(@Inject(PersonalDataVault) private readonly vault: PersonalDataVault) {}

  static forRoot(options: { masterKey: Buffer }): DynamicModule {
    return {
      module: PersonalDataModule,
      global: true,
      providers: [{ provide: PERSONAL_DATA_MASTER_KEY, useValue: options.masterKey }],
    };
  }

  /** A wrong master key stops the start, rather than showing every worker as erased. */
  async onApplicationBootstrap(): Promise<void> {
    await this.vault.verifyMasterKey();
  }
}
