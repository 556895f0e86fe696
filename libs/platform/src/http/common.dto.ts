/** Request pieces several contexts take, validated at the edge. */
import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, Matches, Max, Min } from 'class-validator';
import { BadRequestException, type PipeTransform } from '@nestjs/common';

export class MoneyDto {
  @ApiProperty({ example: 450000, minimum: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1e12)
  amount!: number;

  @ApiProperty({ example: 'RUB', description: 'ISO 4217 code' })
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as RUB or USD' })
  currency!: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** A path id (lead, deal, account, rep): refused with 400 before it reaches a stream name. */
export class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!ID.test(value)) {
      throw new BadRequestException({ code: 'invalid-request', field: this.name, message: `${this.name}: must be 1 to 100 letters, digits, - or _` });
    }
    return value;
  }
}

export const ID_PATTERN = ID;
