import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** A reason in words: losing a repeat sale, recording a churn; the base of the bodies that add to it (demotion, churn risk). */
export class ReasonDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
