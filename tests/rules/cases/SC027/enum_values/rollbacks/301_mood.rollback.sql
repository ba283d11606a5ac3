-- expect: none of SC027
DROP TABLE IF EXISTS diary;
DROP TYPE IF EXISTS mood;
