import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { v7 } from 'uuid';
import { hello } from '#libs/event-store';

@Controller()
class H { @Get('health') h() { return { hello, id: v7() }; } }
@Module({ controllers: [H] })
class AppModule {}
async function main() { const app = await NestFactory.create(AppModule); await app.listen(3999); console.log('up'); }
void main();
