import { benchDeckLoad } from './deckLoad';

benchDeckLoad();
