-- expect: SC044 at 6
-- DROP TYPE ... CASCADE drops the columns of the type, and the views reading them: the view
-- of people and rooms went with it, the view of rooms alone still holds rooms
DROP TYPE mood CASCADE;
DROP TABLE people;
DROP TABLE rooms;
