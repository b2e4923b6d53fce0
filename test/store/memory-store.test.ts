import { createMemoryStore } from '../../src/store/memory-store.ts';
import { reviewStoreContract } from './contract.ts';

reviewStoreContract('memory store', async () => createMemoryStore());
