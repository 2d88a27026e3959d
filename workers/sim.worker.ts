import * as Comlink from 'comlink';
import { installErrorTransfer } from './errorTransfer';
import { SimService } from './simService';

installErrorTransfer();
Comlink.expose(new SimService());
