import * as Comlink from 'comlink';
import { AnalysisService } from './analysisService';
import { installErrorTransfer } from './errorTransfer';

installErrorTransfer();
Comlink.expose(new AnalysisService());
