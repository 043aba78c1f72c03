import { Injectable } from '@nestjs/common';
import { TenantKeyedReads } from '../../../database/tenant-keyed-reads.js';
import { SubjectEntity } from './subject.entity.js';

/** The subjects' own table, for the modules whose rules read a subject (whom a request is for). */
@Injectable()
export class SubjectsRepository extends TenantKeyedReads(SubjectEntity) {}
