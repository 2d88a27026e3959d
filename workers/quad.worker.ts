import * as Comlink from 'comlink';
import { installErrorTransfer } from './errorTransfer';
import { QuadService } from './quadService';

installErrorTransfer();
Comlink.expose(new QuadService());
