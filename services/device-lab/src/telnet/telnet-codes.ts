/** RFC 854 command bytes and the option numbers the lab knows. */
export const IAC = 255;
export const DONT = 254;
export const DO = 253;
export const WONT = 252;
export const WILL = 251;
export const SB = 250;
export const SE = 240;

export const ECHO = 1;
export const SGA = 3;
export const TTYPE = 24;
export const NAWS = 31;

export const TTYPE_IS = 0;
export const TTYPE_SEND = 1;

export const CR = 13;
export const LF = 10;
export const NUL = 0;
